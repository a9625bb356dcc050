with

source as (

    select * from {{ source('collection', 'submissions') }}

),

renamed as (

    select
        submission_id,
        file_name,
        sha256,
        ukprn,
        year,
        file_timestamp,
        received_at,
        status,
        error_count,
        warning_count,
        superseded_by,
        duplicate_of,
        container,
        size_bytes,
        -- the one submission per provider-year whose part rows are current (spec section 1)
        status = 'ACCEPTED' as is_current

    from source

)

select * from renamed
