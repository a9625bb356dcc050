-- Funding totals, one row per current return. External money is every stream but OWN
-- (spec section 5: OWN excluded from totals of external money).
with

streams as (

    select * from {{ ref('int_funding_joined_to_allocations') }}

),

summed as (

    select
        ukprn,
        year,
        {{ money('coalesce(sum(allocated_gbp) filter (where is_external), 0)') }} as external_allocated_gbp,
        {{ money('coalesce(sum(funder_allocated_gbp) filter (where is_external), 0)') }} as funder_allocated_gbp,
        {{ money('coalesce(sum(spent_gbp) filter (where is_external), 0)') }} as external_spent_gbp,
        {{ money('coalesce(sum(spent_gbp) filter (where not is_external), 0)') }} as own_spent_gbp,
        {{ money('coalesce(sum(spent_gbp), 0)') }} as total_spent_gbp,
        -- per stream, floored at 0 before summing: an overspent stream does not hide another's
        -- unspent money
        {{ money('coalesce(sum(unspent_gbp) filter (where is_external), 0)') }} as unspent_gbp,
        -- null when no stream was compared (the funder allocated none of them)
        {{ money('sum(allocation_gap_gbp)') }} as allocation_gap_gbp,
        {{ money('coalesce(sum(spent_training_gbp + spent_cover_gbp + spent_remission_gbp), 0)') }}
            as spend_training_cover_remission_gbp,
        count(*) filter (where is_external and is_reported) as external_streams,
        count(*) filter (where is_external and is_reported and has_spending_plan) as streams_with_plan

    from streams
    group by ukprn, year

)

select * from summed
