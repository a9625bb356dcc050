with

source as (

    select * from {{ source('collection', 'validation_issues') }}

),

renamed as (

    select
        submission_id,
        file_name,
        rule_id,
        severity,
        part,
        row_number,
        column_name,
        value,
        message

    from source

)

select * from renamed
