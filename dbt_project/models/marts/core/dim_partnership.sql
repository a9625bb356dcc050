with

partnerships as (

    select * from {{ ref('stg_reference__partnerships') }}

),

memberships as (

    select * from {{ ref('int_providers_split_to_partnerships') }}

),

member_counts as (

    select
        partnership_code,
        count(*) as members

    from memberships
    group by partnership_code

),

final as (

    select
        partnerships.partnership_code,
        partnerships.partnership_name,
        partnerships.lead_ukprn,
        coalesce(member_counts.members, 0) as members

    from partnerships
    left join member_counts on member_counts.partnership_code = partnerships.partnership_code

)

select * from final
