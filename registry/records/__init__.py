"""What every app's dated records of a child share: the rules of dates and periods
(`rules`), the fields and forms that edit a record (`forms`), the page of a record's
form and the view helpers (`views`), and the kinds of detail an imported record may
leave "not stated" (`gaps`).

Apps import these from here; the core knows nothing of children: the record's owner
(the child) is whatever the app that owns records registers (`views.owner`).
"""
