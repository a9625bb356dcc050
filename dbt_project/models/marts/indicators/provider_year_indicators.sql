-- One row per provider-year with a current accepted return: its measures and the indicators
-- of spec section 5.
with

provider_years as (

    select * from {{ ref('int_indicators_computed_to_provider_years') }}

),

final as (

    select * from provider_years

)

select * from final
