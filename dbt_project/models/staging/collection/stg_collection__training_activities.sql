-- One row per training activity of a mentor in a current return (the training part).
with

source as (

    {{ current_part_rows('training') }}

),

renamed as (

    select
        ukprn,
        year,
        submission_id,
        row_number,
        mentor_ref,
        programme_type,
        programme_name,
        delivery,
        accredited,
        level,
        hours,
        status,
        reason,
        start_date,
        completion_date

    from source

)

select * from renamed
