-- One row per mentor of a current return (the remuneration part; RM02 makes it exactly one).
with

source as (

    {{ current_part_rows('remuneration') }}

),

renamed as (

    select
        ukprn,
        year,
        submission_id,
        row_number,
        mentor_ref,
        arrangement,
        remitted_hours,
        payment_gbp,
        payment_basis,
        funding_stream

    from source

)

select * from renamed
