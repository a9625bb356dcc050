-- One row per mentor of a current return, with their pay arrangement, whether they completed
-- training in the year, and the per-mentor flags the indicators count.
with

mentors as (

    select * from {{ ref('stg_collection__mentors') }}

),

remunerations as (

    select * from {{ ref('stg_collection__remunerations') }}

),

training as (

    select * from {{ ref('stg_collection__training_activities') }}

),

subject_areas as (

    select * from {{ ref('subject_areas') }}

),

trained as (

    select
        submission_id,
        mentor_ref,
        bool_or(status = 'COMPLETED') as is_trained

    from training
    group by submission_id, mentor_ref

),

joined as (

    select
        mentors.ukprn,
        mentors.year,
        mentors.submission_id,
        mentors.mentor_ref,
        mentors.employed_role,
        mentors.mentor_type,
        mentors.mentor_type in ('SPEC', 'BOTH') as is_specialist,
        mentors.subject_area,
        subject_areas.subject_area_name,
        mentors.is_learning_coach,
        mentors.contexts,
        mentors.selection,
        mentors.line_manages_mentee,
        mentors.grades_observations,
        -- ONSIDE: off-line (no line management) and non-judgemental (no grading)
        not mentors.line_manages_mentee and not mentors.grades_observations as is_onside,
        mentors.active_mentees,
        mentors.meetings_per_term,
        mentors.start_date,
        coalesce(trained.is_trained, false) as is_trained,
        remunerations.arrangement,
        remunerations.arrangement <> 'NONE' as is_remunerated,
        remunerations.arrangement in ('REMISSION', 'BOTH') as has_remission,
        remunerations.remitted_hours,
        remunerations.payment_gbp,
        remunerations.payment_basis,
        remunerations.funding_stream

    from mentors
    -- RM02 guarantees exactly one remuneration row per mentor of an accepted return
    inner join remunerations
        on remunerations.submission_id = mentors.submission_id
        and remunerations.mentor_ref = mentors.mentor_ref
    left join trained
        on trained.submission_id = mentors.submission_id
        and trained.mentor_ref = mentors.mentor_ref
    left join subject_areas on subject_areas.subject_area = mentors.subject_area

),

derived as (

    select
        *,
        -- a blank remitted_hours means no hours (spec 3.3: blank or 0 outside REMISSION/BOTH)
        case when has_remission
            then coalesce(remitted_hours, 0) / greatest(active_mentees, 1)
        end as remitted_hours_per_mentee,
        coalesce(remitted_hours, 0) >= 20 * active_mentees as meets_20h_benchmark,
        -- the benchmark agreement is about remitted time per mentee, so it is judged only
        -- for mentors with remission and at least one mentee (the scope of rule RM04)
        has_remission and active_mentees >= 1 as is_benchmark_scope,
        active_mentees < 12 as has_capacity

    from joined

)

select * from derived
