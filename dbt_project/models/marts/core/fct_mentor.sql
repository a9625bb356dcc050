with

mentors as (

    select * from {{ ref('int_mentors_joined_to_pay_and_training') }}

),

final as (

    select
        ukprn,
        year,
        submission_id,
        mentor_ref,
        employed_role,
        mentor_type,
        is_specialist,
        subject_area,
        subject_area_name,
        is_learning_coach,
        contexts,
        selection,
        line_manages_mentee,
        grades_observations,
        is_onside,
        active_mentees,
        meetings_per_term,
        start_date,
        is_trained,
        arrangement,
        is_remunerated,
        remitted_hours,
        remitted_hours_per_mentee,
        meets_20h_benchmark,
        is_benchmark_scope,
        has_capacity

    from mentors

)

select * from final
