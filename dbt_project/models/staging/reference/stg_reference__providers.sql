with

source as (

    select * from {{ source('reference', 'ref_providers') }}

),

renamed as (

    select
        ukprn,
        provider_name,
        provider_type,
        region,
        -- the ';'-list as given, '' for none; split in int_providers_split_to_partnerships
        partnerships as partnership_codes,
        open_date,
        close_date

    from source

)

select * from renamed
