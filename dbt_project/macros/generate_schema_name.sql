{#- Custom schema names are used as they are (staging, intermediate), not prefixed with the
    target schema (main_staging): readers of the published file look tables up by these names. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
