-- The training numerators, one row per current return that has training rows.
with

training as (

    select * from {{ ref('stg_collection__training_activities') }}

),

counted as (

    select
        ukprn,
        year,
        count(*) as training_rows,
        count(*) filter (where status in ('ENROLLED', 'COMPLETED', 'WITHDRAWN')) as training_started,
        count(*) filter (where status = 'COMPLETED') as training_completed,
        count(*) filter (where status in ('DECLINED', 'WITHDRAWN')) as training_declined_withdrawn,
        count(*) filter (where status = 'COMPLETED' and accredited) as accredited_completions,
        -- the mix of reasons of the declined and withdrawn rows (where a reason is required, TR04)
        {%- for reason in ['time', 'cost', 'relevance', 'release', 'other'] %}
        count(*) filter (
            where status in ('DECLINED', 'WITHDRAWN') and reason = '{{ reason | upper }}'
        ) as reason_{{ reason }}{{ ',' if not loop.last }}
        {%- endfor %}

    from training
    group by ukprn, year

)

select * from counted
