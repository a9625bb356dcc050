with

source as (

    select * from {{ source('reference', 'ref_partnerships') }}

),

renamed as (

    select
        partnership_code,
        partnership_name,
        lead_ukprn

    from source

)

select * from renamed
