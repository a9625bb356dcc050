with

streams as (

    select * from {{ ref('int_funding_joined_to_allocations') }}

),

final as (

    select
        ukprn,
        year,
        submission_id,
        stream,
        is_reported,
        allocated_gbp,
        funder_allocated_gbp,
        {%- for category in spend_categories() %}
        spent_{{ category }}_gbp,
        {%- endfor %}
        spent_gbp,
        has_spending_plan,
        is_external

    from streams

)

select * from final
