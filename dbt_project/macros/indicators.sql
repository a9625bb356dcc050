{#- The indicators of spec section 5, written once.

    Each indicator is a ratio of two measures that can be summed over provider-years, so the
    same definition gives the provider-year value (measures of one return) and the aggregate
    value (measures summed over a group): an aggregate is always a ratio of sums, never a mean
    of provider rates. -#}

{#- Summable measures of a provider-year, in published column order.
    kind: count (bigint), money (decimal 18,2), flag (boolean, summed as a count of true). -#}
{% macro provider_year_measures() -%}
    {%- do return([
        {'name': 'teaching_staff', 'kind': 'count'},
        {'name': 'trainee_teachers', 'kind': 'count'},
        {'name': 'trainees_with_mentor', 'kind': 'count'},
        {'name': 'new_staff', 'kind': 'count'},
        {'name': 'new_staff_with_mentor', 'kind': 'count'},
        {'name': 'leavers', 'kind': 'count'},
        {'name': 'leavers_mentored', 'kind': 'count'},
        {'name': 'mentored_staff', 'kind': 'count'},
        {'name': 'mentors', 'kind': 'count'},
        {'name': 'specialist_mentors', 'kind': 'count'},
        {'name': 'manager_mentors', 'kind': 'count'},
        {'name': 'line_managing_mentors', 'kind': 'count'},
        {'name': 'grading_mentors', 'kind': 'count'},
        {'name': 'onside_mentors', 'kind': 'count'},
        {'name': 'trained_mentors', 'kind': 'count'},
        {'name': 'remunerated_mentors', 'kind': 'count'},
        {'name': 'remission_mentors', 'kind': 'count'},
        {'name': 'benchmark_scope_mentors', 'kind': 'count'},
        {'name': 'benchmark_mentors', 'kind': 'count'},
        {'name': 'active_mentees', 'kind': 'count'},
        {'name': 'training_rows', 'kind': 'count'},
        {'name': 'training_started', 'kind': 'count'},
        {'name': 'training_completed', 'kind': 'count'},
        {'name': 'training_declined_withdrawn', 'kind': 'count'},
        {'name': 'accredited_completions', 'kind': 'count'},
        {'name': 'reason_time', 'kind': 'count'},
        {'name': 'reason_cost', 'kind': 'count'},
        {'name': 'reason_relevance', 'kind': 'count'},
        {'name': 'reason_release', 'kind': 'count'},
        {'name': 'reason_other', 'kind': 'count'},
        {'name': 'external_allocated_gbp', 'kind': 'money'},
        {'name': 'funder_allocated_gbp', 'kind': 'money'},
        {'name': 'external_spent_gbp', 'kind': 'money'},
        {'name': 'own_spent_gbp', 'kind': 'money'},
        {'name': 'total_spent_gbp', 'kind': 'money'},
        {'name': 'unspent_gbp', 'kind': 'money'},
        {'name': 'allocation_gap_gbp', 'kind': 'money'},
        {'name': 'spend_training_cover_remission_gbp', 'kind': 'money'},
        {'name': 'external_streams', 'kind': 'count'},
        {'name': 'streams_with_plan', 'kind': 'count'},
    ]) -%}
{%- endmacro %}

{#- Ratio indicators: name = numerator / denominator over the measures above.
    fraction: a share between 0 and 1 (tested); quartiles: published as provider-level
    p25/p50/p75 in the aggregates; money: rounded to the penny. -#}
{% macro ratio_indicators() -%}
    {%- do return([
        {'name': 'mentors_per_100_staff', 'num': '100 * mentors', 'den': 'teaching_staff', 'fraction': false, 'quartiles': true},
        {'name': 'trainee_mentor_coverage', 'num': 'trainees_with_mentor', 'den': 'trainee_teachers', 'fraction': true, 'quartiles': true},
        {'name': 'new_staff_mentor_coverage', 'num': 'new_staff_with_mentor', 'den': 'new_staff', 'fraction': true, 'quartiles': true},
        {'name': 'pct_specialist_mentors', 'num': 'specialist_mentors', 'den': 'mentors', 'fraction': true, 'quartiles': true},
        {'name': 'pct_mentors_managers', 'num': 'manager_mentors', 'den': 'mentors', 'fraction': true, 'quartiles': false},
        {'name': 'pct_line_managing', 'num': 'line_managing_mentors', 'den': 'mentors', 'fraction': true, 'quartiles': false},
        {'name': 'pct_grading', 'num': 'grading_mentors', 'den': 'mentors', 'fraction': true, 'quartiles': false},
        {'name': 'onside_offline_nonjudgemental', 'num': 'onside_mentors', 'den': 'mentors', 'fraction': true, 'quartiles': true},
        {'name': 'pct_mentors_trained', 'num': 'trained_mentors', 'den': 'mentors', 'fraction': true, 'quartiles': true},
        {'name': 'training_takeup_rate', 'num': 'training_started', 'den': 'training_rows', 'fraction': true, 'quartiles': true},
        {'name': 'training_completion_rate', 'num': 'training_completed', 'den': 'training_started', 'fraction': true, 'quartiles': false},
        {'name': 'training_decline_rate', 'num': 'training_declined_withdrawn', 'den': 'training_rows', 'fraction': true, 'quartiles': false},
        {'name': 'pct_accredited_completions', 'num': 'accredited_completions', 'den': 'training_completed', 'fraction': true, 'quartiles': false},
        {'name': 'pct_remunerated', 'num': 'remunerated_mentors', 'den': 'mentors', 'fraction': true, 'quartiles': true},
        {'name': 'pct_meeting_20h_benchmark', 'num': 'benchmark_mentors', 'den': 'benchmark_scope_mentors', 'fraction': true, 'quartiles': true},
        {'name': 'cost_per_mentor_trained', 'num': 'spend_training_cover_remission_gbp', 'den': 'trained_mentors', 'fraction': false, 'quartiles': true, 'money': true},
        {'name': 'leaver_rate', 'num': 'leavers', 'den': 'teaching_staff', 'fraction': true, 'quartiles': true},
        {'name': 'leaver_rate_mentored', 'num': 'leavers_mentored', 'den': 'mentored_staff', 'fraction': true, 'quartiles': true},
        {'name': 'leaver_rate_unmentored', 'num': 'leavers - leavers_mentored', 'den': 'teaching_staff - mentored_staff', 'fraction': true, 'quartiles': true},
        {'name': 'funding_utilisation', 'num': 'external_spent_gbp', 'den': 'external_allocated_gbp', 'fraction': false, 'quartiles': true},
    ]) -%}
{%- endmacro %}

{#- The select-list of every ratio indicator, over a relation that has the measures. -#}
{% macro ratio_indicator_columns() -%}
    {%- for indicator in ratio_indicators() %}
        {% if indicator.get('money') -%}
        {{ money(safe_ratio(indicator.num, indicator.den)) }}
        {%- else -%}
        {{ safe_ratio(indicator.num, indicator.den) }}
        {%- endif %} as {{ indicator.name }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#- The measures summed over a group, each cast back to its published type. -#}
{% macro summed_measure_columns(relation_alias) -%}
    {%- for measure in provider_year_measures() %}
        {% if measure.kind == 'money' -%}
        {{ money('sum(' ~ relation_alias ~ '.' ~ measure.name ~ ')') }}
        {%- else -%}
        cast(coalesce(sum({{ relation_alias }}.{{ measure.name }}), 0) as bigint)
        {%- endif %} as {{ measure.name }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#- Provider-level quartiles of the main indicators, for comparing one provider with a group. -#}
{% macro indicator_quartile_columns(relation_alias) -%}
    {%- set names = [] -%}
    {%- for indicator in ratio_indicators() if indicator.quartiles -%}
        {%- do names.append(indicator.name) -%}
    {%- endfor -%}
    {%- do names.append('median_remitted_hours_per_mentee') -%}
    {%- for name in names %}
        {%- set outer_loop = loop %}
        {%- for quartile in [25, 50, 75] %}
        quantile_cont({{ relation_alias }}.{{ name }}, {{ quartile / 100 }}) as {{ name }}_p{{ quartile }}{{ ',' if not (outer_loop.last and loop.last) }}
        {%- endfor %}
    {%- endfor %}
{%- endmacro %}
