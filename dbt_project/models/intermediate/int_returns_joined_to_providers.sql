-- One row per current return, with the provider's type and region from the register.
with

returns as (

    select * from {{ ref('stg_collection__about_returns') }}

),

providers as (

    select * from {{ ref('stg_reference__providers') }}

),

joined as (

    select
        returns.ukprn,
        returns.year,
        returns.submission_id,
        providers.provider_type,
        providers.region,
        returns.teaching_staff,
        returns.trainee_teachers,
        returns.trainees_with_mentor,
        returns.new_staff,
        returns.new_staff_with_mentor,
        returns.leavers,
        returns.leavers_mentored,
        returns.mentored_staff,
        returns.has_mentoring_policy

    from returns
    -- inner: SUB01 only accepts providers of the register
    inner join providers on providers.ukprn = returns.ukprn

)

select * from joined
