{#- ref() and source() without the database (catalog) name.

    dbt-duckdb names relations "<file stem>"."schema"."table", and a view stores that text.
    The build file is published under other names (published/snapshots/<build_id>.duckdb,
    published/warehouse.duckdb), where a catalog called after the build file does not exist;
    schema-qualified names resolve inside whichever file holds the view. -#}
{% macro ref() %}
    {%- set relation = builtins.ref(*varargs, **kwargs) -%}
    {%- do return(relation.include(database=false)) -%}
{% endmacro %}

{% macro source() %}
    {%- set relation = builtins.source(*varargs, **kwargs) -%}
    {%- do return(relation.include(database=false)) -%}
{% endmacro %}
