{#- The invariants every indicator table keeps, whether a provider-year or a group of them:
    "with mentor"/"mentored" counts within their totals (AB01), subsets of mentors and of
    training rows within their totals, money spent >= 0, every fraction indicator (and, for
    groups, its quartiles) between 0 and 1, utilisation and counts per 100 >= 0.
    One query per model; failed_checks names what broke on each failing row. -#}
{% test indicator_invariants(model, with_quartiles=false) %}

{%- set checks = [
    'trainees_with_mentor <= trainee_teachers',
    'new_staff_with_mentor <= new_staff',
    'leavers_mentored <= leavers',
    'leavers_mentored <= mentored_staff',
    'leavers <= teaching_staff',
    'mentored_staff <= teaching_staff',
    'specialist_mentors <= mentors',
    'manager_mentors <= mentors',
    'line_managing_mentors <= mentors',
    'grading_mentors <= mentors',
    'onside_mentors <= mentors',
    'trained_mentors <= mentors',
    'remunerated_mentors <= mentors',
    'remission_mentors <= remunerated_mentors',
    'benchmark_scope_mentors <= remission_mentors',
    'benchmark_mentors <= benchmark_scope_mentors',
    'training_started <= training_rows',
    'training_completed <= training_started',
    'training_declined_withdrawn <= training_rows',
    'accredited_completions <= training_completed',
    'reason_time + reason_cost + reason_relevance + reason_release + reason_other <= training_declined_withdrawn',
    'streams_with_plan <= external_streams',
    'external_spent_gbp >= 0',
    'own_spent_gbp >= 0',
    'total_spent_gbp = external_spent_gbp + own_spent_gbp',
    'unspent_gbp >= 0',
    'spend_training_cover_remission_gbp >= 0',
    'spend_training_cover_remission_gbp <= total_spent_gbp',
    'external_allocated_gbp >= 0',
    'funding_utilisation >= 0',
    'mentors_per_100_staff >= 0',
    'cost_per_mentor_trained >= 0',
    'median_remitted_hours_per_mentee >= 0',
] -%}
{%- for indicator in ratio_indicators() if indicator.fraction -%}
    {%- do checks.append(indicator.name ~ ' between 0 and 1') -%}
    {%- if with_quartiles and indicator.quartiles -%}
        {%- for quartile in [25, 50, 75] -%}
            {%- do checks.append(indicator.name ~ '_p' ~ quartile ~ ' between 0 and 1') -%}
        {%- endfor -%}
    {%- endif -%}
{%- endfor %}

with

checked as (

    select
        *,
        list_filter([
            {%- for check in checks %}
            case when not coalesce({{ check }}, true) then '{{ check }}' end{{ ',' if not loop.last }}
            {%- endfor %}
        ], lambda failed: failed is not null) as failed_checks

    from {{ model }}

)

select * from checked
where len(failed_checks) > 0

{% endtest %}
