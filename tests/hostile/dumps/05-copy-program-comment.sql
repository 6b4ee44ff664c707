COPY public.planted FROM PROGRAM 'touch @OWNED@' /* FROM stdin */;
