CREATE TABLE public.planted (x text);
COPY public.planted FROM PROGRAM 'touch @OWNED@' /* FROM stdin */;
