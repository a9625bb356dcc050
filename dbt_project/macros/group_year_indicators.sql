{#- One grouping of int_indicators_aggregated_to_groups as a mart: year, the group's key column
    (none for the sector), then everything the aggregation computed. -#}
{% macro group_year_indicators(grouping, key_column=none) -%}
with

groups as (

    select * from {{ ref('int_indicators_aggregated_to_groups') }}

),

final as (

    select
        year,
        {%- if key_column %}
        group_code as {{ key_column }},
        {%- endif %}
        * exclude (grouping, group_code, year)

    from groups
    where grouping = '{{ grouping }}'

)

select * from final
{%- endmacro %}
