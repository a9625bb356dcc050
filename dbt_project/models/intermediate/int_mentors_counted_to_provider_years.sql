-- The mentor numerators of the indicators, one row per current return that has mentors.
with

mentors as (

    select * from {{ ref('int_mentors_joined_to_pay_and_training') }}

),

counted as (

    select
        ukprn,
        year,
        count(*) as mentors,
        count(*) filter (where is_specialist) as specialist_mentors,
        count(*) filter (where employed_role = 'MGR') as manager_mentors,
        count(*) filter (where line_manages_mentee) as line_managing_mentors,
        count(*) filter (where grades_observations) as grading_mentors,
        count(*) filter (where is_onside) as onside_mentors,
        count(*) filter (where is_trained) as trained_mentors,
        count(*) filter (where is_remunerated) as remunerated_mentors,
        count(*) filter (where has_remission) as remission_mentors,
        count(*) filter (where is_benchmark_scope) as benchmark_scope_mentors,
        count(*) filter (where is_benchmark_scope and meets_20h_benchmark) as benchmark_mentors,
        sum(active_mentees) as active_mentees,
        median(remitted_hours_per_mentee) as median_remitted_hours_per_mentee

    from mentors
    group by ukprn, year

)

select * from counted
