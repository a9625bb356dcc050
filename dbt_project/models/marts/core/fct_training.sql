with

training as (

    select * from {{ ref('stg_collection__training_activities') }}

),

final as (

    select
        ukprn,
        year,
        submission_id,
        row_number,
        mentor_ref,
        programme_type,
        programme_name,
        delivery,
        accredited,
        level,
        hours,
        status,
        status in ('ENROLLED', 'COMPLETED', 'WITHDRAWN') as has_started,
        reason,
        start_date,
        completion_date

    from training

)

select * from final
