-- Every received file and the collection's decision about it, as the collection store holds it.
with

submissions as (

    select * from {{ ref('stg_collection__submissions') }}

),

final as (

    select * exclude (is_current) from submissions

)

select * from final
