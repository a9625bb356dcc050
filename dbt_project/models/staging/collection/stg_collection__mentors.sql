-- One row per mentor of a current return (the mentor_pool part).
with

source as (

    {{ current_part_rows('mentor_pool') }}

),

renamed as (

    select
        ukprn,
        year,
        submission_id,
        row_number,
        mentor_ref,
        employed_role,
        mentor_type,
        subject_area,
        is_learning_coach,
        contexts,
        selection,
        line_manages_mentee,
        grades_observations,
        active_mentees,
        meetings_per_term,
        start_date

    from source

)

select * from renamed
