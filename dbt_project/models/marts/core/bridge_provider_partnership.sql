with

memberships as (

    select * from {{ ref('int_providers_split_to_partnerships') }}

),

final as (

    select
        ukprn,
        partnership_code

    from memberships

)

select * from final
