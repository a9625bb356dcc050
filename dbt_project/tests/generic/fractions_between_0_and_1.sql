{#- Every listed column is a fraction in [0, 1] or NULL (spec section 5: shares are stored as
    fractions, not percentages). One query for all the columns keeps dbt build quick. -#}
{% test fractions_between_0_and_1(model, columns) %}

select *
from {{ model }}
where
    {%- for column in columns %}
    {{ 'or ' if not loop.first }}not coalesce({{ column }} between 0 and 1, true)
    {%- endfor %}

{% endtest %}
