-- One row per provider-year-stream of a current return: how the stream's money was used.
with

streams as (

    select * from {{ ref('int_funding_joined_to_allocations') }}

),

final as (

    select
        ukprn,
        year,
        stream,
        allocated_gbp,
        funder_allocated_gbp,
        spent_gbp,
        funding_utilisation,
        unspent_gbp,
        allocation_gap_gbp,
        {%- for category in spend_categories() %}
        share_{{ category }},
        {%- endfor %}
        has_spending_plan

    from streams

)

select * from final
