{#- num / den as a double, NULL when the denominator is 0 or NULL (spec section 5: a rate
    whose denominator is 0 is NULL, never 0 and never an error). -#}
{% macro safe_ratio(numerator, denominator) -%}
    (cast(({{ numerator }}) as double) / nullif(cast(({{ denominator }}) as double), 0))
{%- endmacro %}

{#- Money to the penny. Sums of DECIMAL(12,2) come back as DECIMAL(38,2); published money
    columns are DECIMAL(18,2) so every reader sees the same type. -#}
{% macro money(expression, precision=18) -%}
    cast(round(({{ expression }}), 2) as decimal({{ precision }}, 2))
{%- endmacro %}
