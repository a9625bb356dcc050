-- One row per provider of the register per collection year: was a return expected, what
-- arrived, and where it stands.
with

providers as (

    select * from {{ ref('stg_reference__providers') }}

),

years as (

    select * from {{ ref('stg_reference__collection_years') }}

),

submissions as (

    select * from {{ ref('stg_collection__submissions') }}

),

received as (

    select
        ukprn,
        year,
        count(*) as files_received,
        count(*) filter (where status = 'REJECTED') as rejected_files,
        -- the unique test on stg_collection__submissions makes this the only one
        max(submission_id) filter (where is_current) as accepted_submission_id,
        max(received_at) as last_received_at

    from submissions
    where ukprn is not null
    group by ukprn, year

),

register as (

    select
        providers.ukprn,
        years.year,
        -- a return is due from a provider open when the year began (SUB01 rejects one closed
        -- before it); a provider opening during the year may still send one
        years.year_start_date >= providers.open_date
            and (providers.close_date is null or years.year_start_date <= providers.close_date)
            as expected,
        years.closes

    from providers
    cross join years

),

joined as (

    select
        register.ukprn,
        register.year,
        register.expected,
        coalesce(received.files_received, 0) as files_received,
        received.accepted_submission_id,
        received.accepted_submission_id is not null as has_accepted,
        coalesce(received.rejected_files, 0) as rejected_files,
        received.last_received_at,
        register.closes

    from register
    left join received
        on received.ukprn = register.ukprn
        and received.year = register.year

),

final as (

    select
        ukprn,
        year,
        expected,
        files_received,
        accepted_submission_id,
        has_accepted,
        rejected_files,
        last_received_at,
        case
            when has_accepted then 'ACCEPTED'
            when files_received > 0 then 'REJECTED'
            when expected then 'MISSING'
            else 'NOT_EXPECTED'
        end as status,
        -- relative to the day of the build: the warehouse is rebuilt on every run
        expected and not has_accepted and closes < current_date as is_late

    from joined

)

select * from final
