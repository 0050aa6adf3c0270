-- Parameter files: a fan-out's elements uploaded before a start (POST /api/parameter-files) and named in the
-- start's parameters as {"$file": id}, so a 100,000-element list never travels in a request, the workflow's
-- input or its history. The workflow reads the elements in pages, one batch of the fan-out at a time.
CREATE TABLE parameter_files (
    id           VARCHAR(40)  PRIMARY KEY,
    sha256       CHAR(64)     NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    elements     INTEGER      NOT NULL,
    uploaded_by  VARCHAR(200) NOT NULL,
    uploaded_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE parameter_file_elements (
    file_id   VARCHAR(40) NOT NULL REFERENCES parameter_files (id) ON DELETE CASCADE,
    position  INTEGER     NOT NULL,
    element   JSONB       NOT NULL,
    PRIMARY KEY (file_id, position)
);
