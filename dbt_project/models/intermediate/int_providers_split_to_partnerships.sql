-- One row per provider per partnership it belongs to (the register's ';'-list, split).
with

providers as (

    select * from {{ ref('stg_reference__providers') }}

),

split as (

    select
        ukprn,
        trim(unnest(string_split(partnership_codes, ';'))) as partnership_code

    from providers
    where partnership_codes <> ''

),

final as (

    select distinct
        ukprn,
        partnership_code

    from split
    where partnership_code <> ''

)

select * from final
