with

source as (

    select * from {{ source('reference', 'ref_allocations') }}

),

renamed as (

    select
        ukprn,
        year,
        stream,
        allocated_gbp as funder_allocated_gbp

    from source

)

select * from renamed
