with

providers as (

    select * from {{ ref('stg_reference__providers') }}

),

provider_types as (

    select * from {{ ref('provider_types') }}

),

final as (

    select
        providers.ukprn,
        providers.provider_name,
        providers.provider_type,
        provider_types.provider_type_name,
        providers.region,
        providers.open_date,
        providers.close_date,
        -- as of the day of the build
        providers.close_date is null or providers.close_date > current_date as is_open

    from providers
    left join provider_types on provider_types.provider_type = providers.provider_type

)

select * from final
