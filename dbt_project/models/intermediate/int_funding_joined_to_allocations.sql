-- One row per provider-year-stream of a current return: the streams the return reported,
-- full-outer-joined with what the funder allocated to that provider-year, so a funder
-- allocation the return left out still shows (spec rule FN04 compares the two).
with

returns as (

    select * from {{ ref('stg_collection__about_returns') }}

),

reported as (

    select * from {{ ref('stg_collection__funding_streams') }}

),

allocations as (

    select allocations.*
    from {{ ref('stg_reference__allocations') }} as allocations
    -- only provider-years with a current return: no return, nothing to compare
    inner join returns
        on returns.ukprn = allocations.ukprn
        and returns.year = allocations.year

),

joined as (

    select
        coalesce(reported.ukprn, allocations.ukprn) as ukprn,
        coalesce(reported.year, allocations.year) as year,
        coalesce(reported.stream, allocations.stream) as stream,
        reported.stream is not null as is_reported,
        reported.allocated_gbp,
        allocations.funder_allocated_gbp,
        {%- for category in spend_categories() %}
        reported.spent_{{ category }}_gbp,
        {%- endfor %}
        reported.has_spending_plan

    from reported
    full outer join allocations
        on allocations.ukprn = reported.ukprn
        and allocations.year = reported.year
        and allocations.stream = reported.stream

),

derived as (

    select
        joined.ukprn,
        joined.year,
        returns.submission_id,
        joined.stream,
        joined.stream <> 'OWN' as is_external,
        joined.is_reported,
        joined.allocated_gbp,
        joined.funder_allocated_gbp,
        {%- for category in spend_categories() %}
        joined.spent_{{ category }}_gbp,
        {%- endfor %}
        -- null when the return omitted the stream (nothing reported, not nothing spent)
        {%- set parts = [] -%}
        {%- for category in spend_categories() -%}
            {%- do parts.append('joined.spent_' ~ category ~ '_gbp') -%}
        {%- endfor %}
        {{ money(parts | join(' + ')) }} as spent_gbp,
        joined.has_spending_plan

    from joined
    inner join returns
        on returns.ukprn = joined.ukprn
        and returns.year = joined.year

),

final as (

    select
        *,
        {{ safe_ratio('spent_gbp', 'allocated_gbp') }} as funding_utilisation,
        {{ money('greatest(allocated_gbp - spent_gbp, 0)') }} as unspent_gbp,
        -- compared only where the funder allocated the stream (the scope of FN04); a funder
        -- allocation the return omitted counts as reported 0
        case when funder_allocated_gbp is not null
            then {{ money('coalesce(allocated_gbp, 0) - funder_allocated_gbp') }}
        end as allocation_gap_gbp,
        {%- for category in spend_categories() %}
        {{ safe_ratio('spent_' ~ category ~ '_gbp', 'spent_gbp') }} as share_{{ category }}{{ ',' if not loop.last }}
        {%- endfor %}

    from derived

)

select * from final
