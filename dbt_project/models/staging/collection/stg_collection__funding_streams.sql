-- One row per funding stream reported in a current return (the funding part).
with

source as (

    {{ current_part_rows('funding') }}

),

renamed as (

    select
        ukprn,
        year,
        submission_id,
        row_number,
        stream,
        allocated_gbp,
        {%- for category in spend_categories() %}
        spent_{{ category }}_gbp,
        {%- endfor %}
        has_spending_plan

    from source

)

select * from renamed
