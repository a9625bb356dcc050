{#- The spent_* categories of the funding part (schemas.codes.SPEND_CATEGORIES; a pytest test
    keeps the two equal). -#}
{% macro spend_categories() -%}
    {%- do return(['remission', 'payments', 'training', 'cover', 'coordination', 'materials', 'other']) -%}
{%- endmacro %}
