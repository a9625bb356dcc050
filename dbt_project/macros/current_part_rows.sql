{#- The rows of one part that belong to current returns, with the return's provider-year.

    The collection store keeps the rows of every submission that was ever accepted; a later
    accepted submission supersedes the earlier one whole (spec section 1), so only the rows of
    submissions whose status is still ACCEPTED are current. One per provider-year: see the
    unique test on stg_collection__submissions. -#}
{#- The about part carries its own ukprn and year (validated equal to the file name's, SUB02);
    the submission's are used so every part gets them the same way. -#}
{% macro current_part_rows(part, own_columns=[]) -%}
    select
        submissions.ukprn,
        submissions.year,
        part.*{% if own_columns %} exclude ({{ own_columns | join(', ') }}){% endif %}
    from {{ source('collection', 'part_' ~ part) }} as part
    inner join {{ source('collection', 'submissions') }} as submissions
        on submissions.submission_id = part.submission_id
    where submissions.status = 'ACCEPTED'
{%- endmacro %}
