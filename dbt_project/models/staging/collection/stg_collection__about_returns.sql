-- One row per current return: the about part (staff counts) of the provider-year's
-- ACCEPTED submission.
with

source as (

    {{ current_part_rows('about', own_columns=['ukprn', 'year']) }}

),

renamed as (

    select
        ukprn,
        year,
        submission_id,
        teaching_staff,
        trainee_teachers,
        trainees_with_mentor,
        new_staff,
        new_staff_with_mentor,
        leavers,
        leavers_mentored,
        mentored_staff,
        has_mentoring_policy

    from source

)

select * from renamed
