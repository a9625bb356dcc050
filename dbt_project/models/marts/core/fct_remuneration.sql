with

remunerations as (

    select * from {{ ref('stg_collection__remunerations') }}

),

final as (

    select
        ukprn,
        year,
        submission_id,
        mentor_ref,
        arrangement,
        remitted_hours,
        payment_gbp,
        payment_basis,
        funding_stream

    from remunerations

)

select * from final
