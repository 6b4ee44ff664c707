CREATE TABLE public.planted (x text);
COPY public.planted FROM PROGRAM $$touch @OWNED@$$ WITH (FORMAT text) -- FROM stdin
;
