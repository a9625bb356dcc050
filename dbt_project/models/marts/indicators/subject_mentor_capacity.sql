-- Where to find a mentor in a subject: per year, provider and subject area, how many mentors
-- and how many more mentees they could take. Counts only, no mentor is identified.
with

mentors as (

    select * from {{ ref('int_mentors_joined_to_pay_and_training') }}

),

final as (

    select
        year,
        ukprn,
        subject_area,
        subject_area_name,
        count(*) as mentors,
        count(*) filter (where is_specialist) as specialist_mentors,
        count(*) filter (where has_capacity) as mentors_with_capacity,
        -- 12 mentees is the level above which MP03 warns
        cast(sum(greatest(0, 12 - active_mentees)) as bigint) as spare_mentee_places

    from mentors
    group by year, ukprn, subject_area, subject_area_name

)

select * from final
