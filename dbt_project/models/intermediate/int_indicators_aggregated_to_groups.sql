-- A table, not a view: the four *_year_indicators marts each slice it, so it is computed once.
{{ config(materialized='table') }}

-- The indicators of every group of every grouping, per year, long. Indicators are ratios of
-- the summed measures (never means of provider rates); the median of remitted hours per mentee
-- is over the group's mentors; the quartiles are of the provider-year values, for comparing
-- one provider with its group.
with

groups as (

    select * from {{ ref('int_provider_years_assigned_to_groups') }}

),

provider_years as (

    select * from {{ ref('int_indicators_computed_to_provider_years') }}

),

mentors as (

    select * from {{ ref('int_mentors_joined_to_pay_and_training') }}

),

grouped_provider_years as (

    select
        groups.grouping,
        groups.group_code,
        provider_years.*

    from groups
    inner join provider_years
        on provider_years.ukprn = groups.ukprn
        and provider_years.year = groups.year

),

summed as (

    select
        grouping,
        group_code,
        year,
        count(*) as providers,
        count(*) filter (where has_mentoring_policy) as providers_with_mentoring_policy,
        count(*) filter (where has_spending_plan) as providers_with_spending_plan,
        {{ summed_measure_columns('grouped_provider_years') }}

    from grouped_provider_years
    group by grouping, group_code, year

),

quartiles as (

    select
        grouping,
        group_code,
        year,
        {{ indicator_quartile_columns('grouped_provider_years') }}

    from grouped_provider_years
    group by grouping, group_code, year

),

mentor_medians as (

    select
        groups.grouping,
        groups.group_code,
        groups.year,
        median(mentors.remitted_hours_per_mentee) as median_remitted_hours_per_mentee

    from groups
    inner join mentors
        on mentors.ukprn = groups.ukprn
        and mentors.year = groups.year
    group by groups.grouping, groups.group_code, groups.year

),

final as (

    select
        summed.*,
        {{ ratio_indicator_columns() }},
        mentor_medians.median_remitted_hours_per_mentee,
        quartiles.* exclude (grouping, group_code, year)

    from summed
    left join mentor_medians
        on mentor_medians.grouping = summed.grouping
        and mentor_medians.group_code = summed.group_code
        and mentor_medians.year = summed.year
    inner join quartiles
        on quartiles.grouping = summed.grouping
        and quartiles.group_code = summed.group_code
        and quartiles.year = summed.year

)

select * from final
