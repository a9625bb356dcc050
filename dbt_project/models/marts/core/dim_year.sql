with

years as (

    select * from {{ ref('stg_reference__collection_years') }}

),

final as (

    select
        year,
        year_start_date,
        opens,
        closes

    from years

)

select * from final
