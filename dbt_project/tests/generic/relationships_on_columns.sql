{#- Every row's composite key (columns) exists in `to` (dbt's relationships test is one column). -#}
{% test relationships_on_columns(model, to, columns) %}

select child.*
from {{ model }} as child
where not exists (
    select 1
    from {{ to }} as parent
    where
        {%- for column in columns %}
        {{ 'and ' if not loop.first }}parent.{{ column }} = child.{{ column }}
        {%- endfor %}
)

{% endtest %}
