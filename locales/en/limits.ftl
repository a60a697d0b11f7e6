# Limits on what the server reads from outside (issue 17): uploads, images, JSON bodies, load.

error-busy = The server is busy reading other files. Wait a few seconds and try again.
error-json-object = The request body must be one JSON object with named fields.
error-field-unknown = This field is not accepted here: it is unknown, or cannot be changed this way.
error-field-type = This value is of the wrong kind (text, number, true or false, list or object).
error-range = This number is outside the allowed range.

trail-import-format = Old Excel (XLS) and OpenDocument files are not read here. Save the sheet as XLSX or CSV and try again.
trail-import-too-wide = The file has more columns than a money trail has; check it is the right file.
trail-import-too-complex = The file holds far more inside than a money trail can (sheets, cells or text); check it is the right file.

evidence-error-image-too-large = This image has more than 50 megapixels; a smaller copy cannot be made here.
error-format = This is not written the way this field expects (see the API description).
