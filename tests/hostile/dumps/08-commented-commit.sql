CREATE TABLE public.planted (x int);
/* hidden */ COMMIT;
