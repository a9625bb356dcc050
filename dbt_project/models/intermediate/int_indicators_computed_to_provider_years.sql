-- Every measure and indicator of a current return: the grain of provider_year_indicators, and
-- what the group aggregates sum.
with

returns as (

    select * from {{ ref('int_returns_joined_to_providers') }}

),

mentors as (

    select * from {{ ref('int_mentors_counted_to_provider_years') }}

),

training as (

    select * from {{ ref('int_training_counted_to_provider_years') }}

),

funding as (

    select * from {{ ref('int_funding_summed_to_provider_years') }}

),

measured as (

    select
        -- the return's own figures, with the provider's type and region
        returns.*,
        -- a return without mentor, training or funding rows has zero of each count and sum
        {%- for column in ['mentors', 'specialist_mentors', 'manager_mentors', 'line_managing_mentors',
                           'grading_mentors', 'onside_mentors', 'trained_mentors', 'remunerated_mentors',
                           'remission_mentors', 'benchmark_scope_mentors', 'benchmark_mentors',
                           'active_mentees'] %}
        cast(coalesce(mentors.{{ column }}, 0) as bigint) as {{ column }},
        {%- endfor %}
        {%- for column in ['training_rows', 'training_started', 'training_completed',
                           'training_declined_withdrawn', 'accredited_completions', 'reason_time',
                           'reason_cost', 'reason_relevance', 'reason_release', 'reason_other'] %}
        cast(coalesce(training.{{ column }}, 0) as bigint) as {{ column }},
        {%- endfor %}
        {%- for column in ['external_allocated_gbp', 'funder_allocated_gbp', 'external_spent_gbp',
                           'own_spent_gbp', 'total_spent_gbp', 'unspent_gbp',
                           'spend_training_cover_remission_gbp'] %}
        coalesce(funding.{{ column }}, 0) as {{ column }},
        {%- endfor %}
        funding.allocation_gap_gbp,
        cast(coalesce(funding.external_streams, 0) as bigint) as external_streams,
        cast(coalesce(funding.streams_with_plan, 0) as bigint) as streams_with_plan,
        mentors.median_remitted_hours_per_mentee

    from returns
    left join mentors on mentors.ukprn = returns.ukprn and mentors.year = returns.year
    left join training on training.ukprn = returns.ukprn and training.year = returns.year
    left join funding on funding.ukprn = returns.ukprn and funding.year = returns.year

),

final as (

    select
        *,
        -- every external stream has a written plan; null when the return has no external stream
        case when external_streams > 0 then streams_with_plan = external_streams end
            as has_spending_plan,
        {{ ratio_indicator_columns() }}

    from measured

)

select * from final
