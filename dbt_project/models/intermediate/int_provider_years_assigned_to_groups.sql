-- Which groups each current return counts in, long: one row per provider-year per group of each
-- grouping (the sector, its region, its provider type, each partnership it belongs to). The
-- aggregates are computed once over this, whatever the grouping.
with

provider_years as (

    select * from {{ ref('int_returns_joined_to_providers') }}

),

partnerships as (

    select * from {{ ref('int_providers_split_to_partnerships') }}

),

assigned as (

    select 'sector' as grouping, 'ENGLAND' as group_code, ukprn, year from provider_years
    union all
    select 'region', region, ukprn, year from provider_years
    union all
    select 'provider_type', provider_type, ukprn, year from provider_years
    union all
    select 'partnership', partnerships.partnership_code, provider_years.ukprn, provider_years.year
    from provider_years
    inner join partnerships on partnerships.ukprn = provider_years.ukprn

)

select * from assigned
