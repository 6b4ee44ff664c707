/* /* */ COMMIT; */ CREATE TABLE public.planted (x int);
