{#- Rows where a boolean SQL expression is false fail the test (NULL passes: a rate with a zero
    denominator is NULL by design). On a column, the expression is appended to the column:
    `expression: ">= 0"`. -#}
{% test expression_is_true(model, expression, column_name=none) %}

select *
from {{ model }}
where not coalesce(({{ column_name ~ ' ' if column_name }}{{ expression }}), true)

{% endtest %}
