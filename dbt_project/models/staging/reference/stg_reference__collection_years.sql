with

source as (

    select * from {{ source('reference', 'ref_collection_years') }}

),

renamed as (

    select
        year,
        -- academic years run from 1 August: '2025-26' begins 2025-08-01
        make_date(cast(left(year, 4) as integer), 8, 1) as year_start_date,
        opens,
        closes

    from source

)

select * from renamed
