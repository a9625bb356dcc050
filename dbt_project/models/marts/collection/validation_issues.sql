-- Every validation issue of every submission, as the collection store holds it.
with

issues as (

    select * from {{ ref('stg_collection__validation_issues') }}

),

final as (

    select * from issues

)

select * from final
